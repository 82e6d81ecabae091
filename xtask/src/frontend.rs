//! Builds the browser app into `dist/`: cargo (wasm32, size-optimised profile), wasm-bindgen
//! through `wasm-bindgen-cli-support` (pinned to the exact `wasm-bindgen` the app locks, so
//! nothing is installed by hand), `wasm-opt` from npm's binaryen, then hashed file names.

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

/// Font files shipped from the npm package, with the names the CSS uses.
const FONTS: [(&str, &str); 2] = [
    (
        "400Regular/AtkinsonHyperlegible_400Regular.ttf",
        "AtkinsonHyperlegible-Regular.ttf",
    ),
    (
        "700Bold/AtkinsonHyperlegible_700Bold.ttf",
        "AtkinsonHyperlegible-Bold.ttf",
    ),
];

pub fn dist_dir() -> PathBuf {
    root().join("dist")
}

/// Builds everything into a fresh `dist/` and returns its path.
pub fn build() -> Result<PathBuf> {
    let root = root();
    cmd::run(
        Command::new(env!("CARGO"))
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
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let wasm_in = target_dir.join(format!("{WASM_TARGET}/wasm-release/ourplan-frontend.wasm"));
    let wasm_bytes =
        std::fs::read(&wasm_in).with_context(|| format!("reading {}", wasm_in.display()))?;
    let app_name = format!("ourplan-{}", short_hash(&wasm_bytes));

    let staging = target_dir.join("xtask/dist-staging");
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    let assets = staging.join("assets");
    std::fs::create_dir_all(assets.join("fonts"))?;

    println!("→ wasm-bindgen {} --target web", wasm_in.display());
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm_in)
        .out_name(&app_name)
        .web(true)?
        .typescript(false)
        .remove_producers_section(true)
        .generate(&assets)
        .context("wasm-bindgen")?;

    let wasm_out = assets.join(format!("{app_name}_bg.wasm"));
    wasm_opt(&wasm_out)?;

    let boot = format!(
        "import init from \"./{app_name}.js\";\ninit({{ module_or_path: \"/assets/{app_name}_bg.wasm\" }});\n"
    );
    let boot_name = hashed_name("boot", "js", boot.as_bytes());
    std::fs::write(assets.join(&boot_name), boot)?;

    let css = stylesheet(&root.join("style"))?;
    let css_name = hashed_name("ourplan", "css", css.as_bytes());
    std::fs::write(assets.join(&css_name), css)?;

    let fonts = setup::node_modules().join("@expo-google-fonts/atkinson-hyperlegible");
    for (from, to) in FONTS {
        std::fs::copy(fonts.join(from), assets.join("fonts").join(to))
            .with_context(|| format!("copying the font {from}"))?;
    }
    std::fs::copy(fonts.join("LICENSE_FONT"), assets.join("fonts/OFL.txt"))?;
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
        .replace("{{wasm}}", &format!("/assets/{app_name}_bg.wasm"));
    if index.contains("{{") {
        bail!("frontend/index.html has a placeholder xtask does not fill");
    }
    std::fs::write(staging.join("index.html"), index)?;

    let dist = dist_dir();
    if dist.exists() {
        std::fs::remove_dir_all(&dist)?;
    }
    std::fs::rename(&staging, &dist)?;
    report_sizes(&dist.join("assets"))?;
    Ok(dist)
}

fn wasm_opt(wasm: &Path) -> Result<()> {
    let wasm_opt = setup::node_modules().join(".bin/wasm-opt");
    if !wasm_opt.exists() {
        bail!("wasm-opt is missing from xtask/npm: run `npm ci` in xtask/npm");
    }
    // The features rustc enables by default for wasm32; binaryen must accept them all.
    cmd::run(
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

/// Prints raw and gzipped sizes of what a browser downloads.
fn report_sizes(assets: &Path) -> Result<()> {
    let mut total_gz = 0;
    for entry in std::fs::read_dir(assets)? {
        let path = entry?.path();
        if !path.is_file() {
            continue;
        }
        let bytes = std::fs::read(&path)?;
        let gz = gzipped_len(&bytes)?;
        total_gz += gz;
        println!(
            "  {:<40} {:>8.1} KiB  {:>7.1} KiB gzipped",
            path.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default(),
            bytes.len() as f64 / 1024.0,
            gz as f64 / 1024.0
        );
    }
    println!(
        "  wasm + JS + CSS: {:.1} KiB gzipped",
        total_gz as f64 / 1024.0
    );
    Ok(())
}

pub fn gzipped_len(bytes: &[u8]) -> Result<usize> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len())
}
