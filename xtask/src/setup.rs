//! Installs what a fresh machine lacks, or says in one sentence what to run.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Once;

use anyhow::{Context, Result, bail};

use crate::cmd;
use crate::root;

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The folder holding the pinned npm packages (wasm-opt, axe-core, the font).
pub fn npm_dir() -> PathBuf {
    root().join("xtask/npm")
}

pub fn node_modules() -> PathBuf {
    npm_dir().join("node_modules")
}

/// Everything the browser-app build needs.
pub fn frontend_tools() -> Result<()> {
    wasm_target()?;
    npm_packages()
}

pub fn wasm_target() -> Result<()> {
    let installed = cmd::output(Command::new("rustup").args(["target", "list", "--installed"]));
    if installed.is_some_and(|list| list.lines().any(|line| line.trim() == WASM_TARGET)) {
        return Ok(());
    }
    if !cmd::have("rustup") {
        bail!(
            "the {WASM_TARGET} target is missing and rustup is not on PATH: install it with `rustup target add {WASM_TARGET}`"
        );
    }
    cmd::run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

/// `npm ci` when node_modules is missing or older than the lock file.
pub fn npm_packages() -> Result<()> {
    let dir = npm_dir();
    let stamp = node_modules().join(".package-lock.json");
    if is_newer(&stamp, &dir.join("package-lock.json")) {
        return Ok(());
    }
    if !cmd::have("npm") {
        apt_install(&["nodejs", "npm"], "npm")?;
    }
    cmd::run(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&dir),
    )
}

fn is_newer(file: &Path, than: &Path) -> bool {
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    match (modified(file), modified(than)) {
        (Some(a), Some(b)) => a >= b,
        _ => false,
    }
}

/// Headless Chromium and the matching chromedriver from Debian.
pub fn chromium() -> Result<()> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    apt_install(&["chromium", "chromium-driver"], "Chromium")
}

/// poppler-utils: the tests read every exported PDF back with `pdftotext`, `pdfinfo`, `pdffonts`
/// and `pdftoppm`, as a reader's tools would.
pub fn poppler() -> Result<()> {
    let tools = ["pdftotext", "pdfinfo", "pdffonts", "pdftoppm"];
    if tools.iter().all(|tool| cmd::have(tool)) {
        return Ok(());
    }
    apt_install(
        &["poppler-utils"],
        "poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm)",
    )
}

/// A Python virtual environment under `<cache>/<name>` with one pinned package from PyPI,
/// made once (again when the pin changes).
pub fn python_venv(name: &str, package: &str) -> Result<PathBuf> {
    let venv = crate::cache_dir().join(name);
    let marker = venv.join("installed.txt");
    if std::fs::read_to_string(&marker).is_ok_and(|text| text.trim() == package) {
        return Ok(venv);
    }
    cmd::run(Command::new("python3").args(["-m", "venv"]).arg(&venv)).context(
        "python3 -m venv failed: install Debian's python3-venv (apt-get install python3-venv)",
    )?;
    cmd::run(Command::new(venv.join("bin/pip")).args([
        "install",
        "--quiet",
        "--disable-pip-version-check",
        package,
    ]))?;
    std::fs::write(&marker, package)?;
    Ok(venv)
}

/// The SMTP server the email tests deliver to: aiosmtpd from PyPI, pinned, which
/// `tests/mail/sink.py` runs (each test starts its own, as each has its own database).
pub const AIOSMTPD: &str = "aiosmtpd==1.4.6";

/// The Python interpreter that has aiosmtpd.
pub fn mail_sink() -> Result<PathBuf> {
    Ok(python_venv("aiosmtpd-venv", AIOSMTPD)?.join("bin/python"))
}

/// Firefox ESR, from Debian.
pub const FIREFOX: &str = "/usr/bin/firefox-esr";
/// geckodriver, built from crates.io at this version.
pub const GECKODRIVER: &str = "0.37.1";
/// Firefox ESR and the pinned geckodriver; returns geckodriver's path.
pub fn firefox() -> Result<PathBuf> {
    if !Path::new(FIREFOX).exists() {
        apt_install(&["firefox-esr"], "Firefox ESR")?;
    }
    cargo_tool("geckodriver", GECKODRIVER, "geckodriver")
}

/// cargo-deny, for the licences, banned crates and sources of every dependency.
pub const CARGO_DENY: &str = "0.20.2";
/// cargo-machete, for dependencies declared but never used.
pub const CARGO_MACHETE: &str = "0.9.2";
/// leptosfmt, for the `view!` macros that rustfmt leaves alone.
pub const LEPTOSFMT: &str = "0.1.33";

/// A tool from crates.io at a pinned version, built once (`cargo install --locked`) into
/// `<cache>/<crate>-<version>`; returns the path of its binary.
pub fn cargo_tool(krate: &str, version: &str, binary: &str) -> Result<PathBuf> {
    let install = crate::cache_dir().join(format!("{krate}-{version}"));
    let path = install.join("bin").join(binary);
    if !path.exists() {
        cmd::run(
            crate::cmd::cargo()
                .args(["install", krate, "--locked", "--version", version])
                .arg("--root")
                .arg(&install),
        )
        .with_context(|| format!("building {krate} {version}"))?;
    }
    Ok(path)
}

/// WebKitGTK's WebDriver server, with the MiniBrowser it drives (Debian's `webkit2gtk-driver`).
pub const WEBKITDRIVER: &str = "/usr/bin/WebKitWebDriver";
pub const MINIBROWSER: &str = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
/// WebKitGTK's driver and MiniBrowser, and Xvfb for the display WebKitGTK needs even headless.
pub fn webkit() -> Result<()> {
    if Path::new(WEBKITDRIVER).exists() && cmd::have("Xvfb") {
        return Ok(());
    }
    apt_install(
        &["webkit2gtk-driver", "xvfb"],
        "WebKitGTK's WebDriver (webkit2gtk-driver) and Xvfb",
    )
}

/// wrk, the HTTP load generator `cargo xtask bench` drives the server with.
pub fn wrk() -> Result<()> {
    if cmd::have("wrk") {
        return Ok(());
    }
    apt_install(&["wrk"], "wrk (the HTTP load generator)")
}

/// The PostgreSQL server binaries (`initdb`, `pg_ctl`), returning their folder.
pub fn postgres() -> Result<PathBuf> {
    if let Some(bin) = postgres_bin() {
        return Ok(bin);
    }
    apt_install(&["postgresql"], "PostgreSQL")?;
    match postgres_bin() {
        Some(bin) => Ok(bin),
        None => bail!("PostgreSQL was installed but no initdb was found under /usr/lib/postgresql"),
    }
}

fn postgres_bin() -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| entry.ok().map(|e| e.path().join("bin")))
        .filter(|bin| bin.join("initdb").exists() && bin.join("pg_ctl").exists())
        .collect();
    versions.sort();
    versions.pop()
}

/// libpq, which the server links for PostgreSQL support.
pub fn libpq() -> Result<()> {
    let found = cmd::output(Command::new("pkg-config").args(["--exists", "libpq"])).is_some()
        || [
            "/usr/lib/x86_64-linux-gnu/libpq.so",
            "/usr/lib/aarch64-linux-gnu/libpq.so",
        ]
        .iter()
        .any(|path| Path::new(path).exists());
    if found {
        return Ok(());
    }
    apt_install(&["libpq-dev", "pkg-config"], "libpq")
}

static APT_UPDATE: Once = Once::new();

/// Installs Debian packages when running as root; otherwise names the command to run.
fn apt_install(packages: &[&str], what: &str) -> Result<()> {
    let list = packages.join(" ");
    if !cmd::is_root() || !cmd::have("apt-get") {
        bail!(
            "{what} is missing: install it with `sudo apt-get install -y {list}` and run this again"
        );
    }
    APT_UPDATE.call_once(|| {
        let _ = cmd::run(apt().arg("update"));
    });
    // The first install of chromium here sometimes fails with dpkg "cannot access archive";
    // a second try succeeds.
    let install = || {
        cmd::run(
            apt()
                .args(["install", "-y", "--no-install-recommends"])
                .args(packages),
        )
    };
    install().or_else(|first| {
        println!("apt-get failed ({first}); trying once more");
        install()
    })
}

fn apt() -> Command {
    let mut apt = Command::new("apt-get");
    apt.env("DEBIAN_FRONTEND", "noninteractive")
        .args(["-q", "-o", "Dpkg::Use-Pty=0"]);
    apt
}
