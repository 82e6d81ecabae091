//! Builds the browser app into `dist/`: cargo (wasm32, size-optimised profile), split at the
//! app's lazily loaded routes (`wasm_split_cli_support`, the splitter cargo-leptos uses), then
//! wasm-bindgen through `wasm-bindgen-cli-support` (pinned to the exact `wasm-bindgen` the app
//! locks, so nothing is installed by hand), `wasm-opt` from npm's binaryen on every piece, and
//! esbuild (npm) minifying the JS and CSS.
//!
//! One build's app lives in `assets/app-<hash>/`: the hash (of the whole compiled app) names
//! the folder, so every file in it can be cached for good while keeping the names the split
//! loader fetches them by.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};

use crate::setup::{self, WASM_TARGET};
use crate::{cmd, root};

/// The CSS files, in cascade-layer order.
const STYLE_FILES: [&str; 5] = [
    "main.css",
    "tokens.css",
    "base.css",
    "components.css",
    "utilities.css",
];

/// Font files shipped from the npm package (its `files/`), with the names the CSS uses.
const FONTS: [(&str, &str); 4] = [
    (
        "atkinson-hyperlegible-latin-400-normal.woff2",
        "AtkinsonHyperlegible-Regular-latin.woff2",
    ),
    (
        "atkinson-hyperlegible-latin-ext-400-normal.woff2",
        "AtkinsonHyperlegible-Regular-latin-ext.woff2",
    ),
    (
        "atkinson-hyperlegible-latin-700-normal.woff2",
        "AtkinsonHyperlegible-Bold-latin.woff2",
    ),
    (
        "atkinson-hyperlegible-latin-ext-700-normal.woff2",
        "AtkinsonHyperlegible-Bold-latin-ext.woff2",
    ),
];
pub fn dist_dir() -> PathBuf {
    root().join("dist")
}

/// The main module, its JS glue and the split loader, inside the app's folder: with the CSS
/// and the boot script, what a browser downloads before the first page shows.
const FIRST_DOWNLOAD: [&str; 3] = ["ourplan_bg.wasm", "ourplan.js", "__wasm_split.js"];

/// Which files of the app's folder opening a page of each group fetches (beside `index.html`).
const PIECES_MANIFEST: &str = "pieces.json";

/// Builds everything into a fresh `dist/` and returns its path.
pub fn build() -> Result<PathBuf> {
    let root = root();
    cmd::run(
        crate::cmd::cargo()
            .args([
                "build",
                "--package",
                "ourplan-frontend",
                "--target",
                WASM_TARGET,
            ])
            .args(["--profile", "wasm-release"])
            .current_dir(&root),
    )?;
    let target_dir = crate::target_dir();
    let wasm_in = target_dir.join(format!("{WASM_TARGET}/wasm-release/ourplan-frontend.wasm"));
    let wasm_bytes =
        std::fs::read(&wasm_in).with_context(|| format!("reading {}", wasm_in.display()))?;
    let app_dir_name = format!("app-{}", short_hash(&wasm_bytes));

    let staging = target_dir.join("xtask/dist-staging");
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    let assets = staging.join("assets");
    let app_dir = assets.join(&app_dir_name);
    std::fs::create_dir_all(assets.join("fonts"))?;
    std::fs::create_dir_all(&app_dir)?;

    let split_main = target_dir.join("xtask/ourplan-split.wasm");
    let pieces = split(
        &wasm_bytes,
        &app_dir,
        &split_main,
        &staging.join(PIECES_MANIFEST),
    )?;
    println!("→ wasm-bindgen {} --target web", split_main.display());
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&split_main)
        .out_name("ourplan")
        .web(true)?
        .typescript(false)
        .remove_producers_section(true)
        // The split pieces link against the main module's own exports by their names.
        .keep_lld_exports(true)
        .demangle(false)
        .generate(&app_dir)
        .context("wasm-bindgen")?;
    let started = std::time::Instant::now();
    for piece in pieces.iter().chain([&app_dir.join("ourplan_bg.wasm")]) {
        wasm_opt(piece)?;
    }
    println!(
        "→ wasm-opt -Oz on the main module and {} pieces ({:.0?})",
        pieces.len(),
        started.elapsed()
    );
    for script in ["ourplan.js", "__wasm_split.js"] {
        let path = app_dir.join(script);
        let minified = minify(&std::fs::read(&path)?, "js")?;
        std::fs::write(&path, minified)?;
    }

    // A browser without WebAssembly, or one where the app fails to load, is told so on the
    // page `index.html` keeps hidden for it, never left with a blank screen. Where the app
    // can start, that page leaves the document first, so only the app's heading and main
    // landmark are there.
    let boot = format!(
        "import init from \"./{app_dir_name}/ourplan.js\";\n\
         const page = document.getElementById(\"unsupported\");\n\
         const unsupported = () => {{ if (page) {{ document.body.append(page); page.hidden = false; }} }};\n\
         if (typeof WebAssembly === \"object\" && typeof WebAssembly.instantiate === \"function\") {{\n\
         page?.remove();\n\
         init({{ module_or_path: \"/assets/{app_dir_name}/ourplan_bg.wasm\" }}).catch(unsupported);\n\
         }} else {{ unsupported(); }}\n"
    );
    let boot_name = hashed_name("boot", "js", boot.as_bytes());
    std::fs::write(assets.join(&boot_name), boot)?;

    let css = minify(stylesheet(&root.join("style"))?.as_bytes(), "css")?;
    let css = String::from_utf8(css).context("esbuild wrote CSS that is not UTF-8")?;
    let css_name = hashed_name("ourplan", "css", css.as_bytes());
    std::fs::write(assets.join(&css_name), css)?;

    let fonts = setup::node_modules().join("@fontsource/atkinson-hyperlegible");
    for (from, to) in FONTS {
        std::fs::copy(
            fonts.join("files").join(from),
            assets.join("fonts").join(to),
        )
        .with_context(|| format!("copying the font {from}"))?;
    }
    std::fs::copy(fonts.join("LICENSE"), assets.join("fonts/OFL.txt"))?;
    let pictures = crate::pictures::write(&assets)?;
    println!("  {pictures} easy-read pictures");

    let static_dir = root.join("frontend/static");
    for entry in std::fs::read_dir(&static_dir)? {
        let path = entry?.path();
        if path.is_file()
            && let Some(name) = path.file_name()
        {
            std::fs::copy(&path, staging.join(name))?;
        }
    }

    let template = std::fs::read_to_string(root.join("frontend/index.html"))?;
    let index = template
        .replace("{{css}}", &format!("/assets/{css_name}"))
        .replace("{{boot}}", &format!("/assets/{boot_name}"))
        .replace(
            "{{wasm}}",
            &format!("/assets/{app_dir_name}/ourplan_bg.wasm"),
        );
    if index.contains("{{") {
        bail!("frontend/index.html has a placeholder xtask does not fill");
    }
    std::fs::write(staging.join("index.html"), index)?;

    let dist = dist_dir();
    if dist.exists() {
        std::fs::remove_dir_all(&dist)?;
    }
    std::fs::rename(&staging, &dist)?;
    report_sizes(&dist)?;
    Ok(dist)
}

/// Splits the compiled app at its lazily loaded routes: the pieces (one per group of pages, and
/// chunks that several groups share) and the loader go into `app_dir`, the main module to
/// `main_out`. Writes which files each group needs to `manifest` and returns the pieces' paths.
fn split(wasm: &[u8], app_dir: &Path, main_out: &Path, manifest: &Path) -> Result<Vec<PathBuf>> {
    println!("→ wasm-split into {}", app_dir.display());
    let started = std::time::Instant::now();
    let mut options = wasm_split_cli_support::Options::new(wasm);
    options.output_dir = app_dir;
    options.main_out_path = main_out;
    options.main_module = "./ourplan.js";
    options.link_name = "./__wasm_split.js";
    let split = wasm_split_cli_support::transform(options)
        .map_err(|error| anyhow::anyhow!("splitting the app: {error:?}"))?;
    if split.split_modules.is_empty() {
        bail!("the app has no lazily loaded routes to split at");
    }
    println!(
        "  {} pieces ({:.0?})",
        split.split_modules.len(),
        started.elapsed()
    );
    let groups: std::collections::BTreeMap<String, Vec<String>> = split
        .prefetch_map
        .into_iter()
        .map(|(group, files)| {
            let mut files: Vec<String> = files.into_iter().map(|f| format!("{f}.wasm")).collect();
            files.sort();
            (group, files)
        })
        .collect();
    std::fs::write(manifest, serde_json::to_string_pretty(&groups)?)?;
    Ok(split.split_modules)
}

fn wasm_opt(wasm: &Path) -> Result<()> {
    let wasm_opt = setup::node_modules().join(".bin/wasm-opt");
    if !wasm_opt.exists() {
        bail!("wasm-opt is missing from xtask/npm: run `npm ci` in xtask/npm");
    }
    // The features rustc enables by default for wasm32; binaryen must accept them all. Quiet:
    // binaryen warns about every piece's name section, which the splitter writes unusually.
    cmd::run_quiet(
        Command::new(&wasm_opt)
            .arg("-Oz")
            .args([
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
                "--enable-sign-ext",
                "--enable-mutable-globals",
                "--enable-reference-types",
                "--enable-multivalue",
            ])
            .arg(wasm)
            .arg("-o")
            .arg(wasm),
    )
}

/// Minifies JS (an ES module) or CSS with esbuild: on a slow connection every KiB of the first
/// download counts.
fn minify(source: &[u8], loader: &str) -> Result<Vec<u8>> {
    let esbuild = setup::node_modules().join(".bin/esbuild");
    if !esbuild.exists() {
        bail!("esbuild is missing from xtask/npm: run `npm ci` in xtask/npm");
    }
    let mut child = Command::new(&esbuild)
        .args([
            "--minify",
            "--log-level=warning",
            &format!("--loader={loader}"),
        ])
        // wasm-bindgen names the split loader once per import; the values are the same module.
        .arg("--log-override:duplicate-object-key=silent")
        .args((loader == "js").then_some("--format=esm"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .context("starting esbuild")?;
    let mut stdin = child.stdin.take().context("esbuild's input")?;
    let source = source.to_vec();
    // Written from a thread: esbuild may fill its output pipe before it has read all its input.
    let writer = std::thread::spawn(move || stdin.write_all(&source));
    let output = child.wait_with_output().context("running esbuild")?;
    writer
        .join()
        .map_err(|_| anyhow::anyhow!("writing to esbuild"))??;
    if !output.status.success() {
        bail!("esbuild could not minify the {loader} ({})", output.status);
    }
    Ok(output.stdout)
}

/// Joins the style layers into one file; `main.css` declares the layer order first.
fn stylesheet(style_dir: &Path) -> Result<String> {
    let mut css = String::new();
    for name in STYLE_FILES {
        let path = style_dir.join(name);
        css.push_str(&format!("/* {name} */\n"));
        css.push_str(
            &std::fs::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?,
        );
        css.push('\n');
    }
    Ok(css)
}

fn short_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

fn hashed_name(stem: &str, extension: &str, bytes: &[u8]) -> String {
    format!("{stem}-{}.{extension}", short_hash(bytes))
}

/// What a browser downloads from a built `dist/`: first, before the first page shows, and on
/// demand, as pages are opened.
pub struct Downloads {
    pub first: Vec<PathBuf>,
    pub on_demand: Vec<PathBuf>,
    /// For each group of pages, the files opening the first of its pages fetches.
    pub groups: Vec<(String, Vec<PathBuf>)>,
}

/// The wasm, JS and CSS files of a built `dist/`.
pub fn downloads(dist: &Path) -> Result<Downloads> {
    let mut downloads = Downloads {
        first: Vec::new(),
        on_demand: Vec::new(),
        groups: Vec::new(),
    };
    let assets = dist.join("assets");
    let manifest = dist.join(PIECES_MANIFEST);
    let groups: std::collections::BTreeMap<String, Vec<String>> = serde_json::from_str(
        &std::fs::read_to_string(&manifest)
            .with_context(|| format!("reading {}", manifest.display()))?,
    )
    .with_context(|| format!("reading {}", manifest.display()))?;
    for entry in std::fs::read_dir(&assets)? {
        let path = entry?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let name = name.unwrap_or_default();
        if path.is_file() && (name.ends_with(".js") || name.ends_with(".css")) {
            downloads.first.push(path);
        } else if path.is_dir() && name.starts_with("app-") {
            for piece in std::fs::read_dir(&path)? {
                let piece = piece?.path();
                let piece_name = piece.file_name().map(|n| n.to_string_lossy().into_owned());
                if piece_name
                    .as_deref()
                    .is_some_and(|n| FIRST_DOWNLOAD.contains(&n))
                {
                    downloads.first.push(piece);
                } else if piece.extension().is_some_and(|e| e == "wasm") {
                    downloads.on_demand.push(piece);
                }
            }
        }
    }
    downloads.first.sort();
    downloads.on_demand.sort();
    let app_dir = downloads
        .first
        .iter()
        .find(|path| path.ends_with("ourplan_bg.wasm"))
        .and_then(|path| path.parent())
        .context("the built app has no main module")?
        .to_owned();
    downloads.groups = groups
        .into_iter()
        .map(|(group, files)| (group, files.iter().map(|f| app_dir.join(f)).collect()))
        .collect();
    Ok(downloads)
}

/// Prints raw and gzipped sizes of what a browser downloads.
fn report_sizes(dist: &Path) -> Result<()> {
    let downloads = downloads(dist)?;
    let kib = |bytes: usize| bytes as f64 / 1024.0;
    let mut first_gz = 0;
    for path in &downloads.first {
        let bytes = std::fs::read(path)?;
        let gz = gzipped_len(&bytes)?;
        first_gz += gz;
        println!(
            "  {:<40} {:>8.1} KiB  {:>7.1} KiB gzipped",
            path.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default(),
            kib(bytes.len()),
            kib(gz)
        );
    }
    println!("  first download: {:.1} KiB gzipped", kib(first_gz));
    for (group, files) in &downloads.groups {
        println!(
            "  the first {group} page opened also fetches {} files: {:.1} KiB gzipped",
            files.len(),
            kib(gzipped_total(files)?)
        );
    }
    println!(
        "  all {} files fetched on demand: {:.1} KiB gzipped",
        downloads.on_demand.len(),
        kib(gzipped_total(&downloads.on_demand)?)
    );
    Ok(())
}

/// The gzipped size of some files, all together.
pub fn gzipped_total(files: &[PathBuf]) -> Result<usize> {
    let mut total = 0;
    for path in files {
        total += gzipped_len(&std::fs::read(path)?)?;
    }
    Ok(total)
}

pub fn gzipped_len(bytes: &[u8]) -> Result<usize> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len())
}
