//! Generates the translation catalogue (the `i18n` module) from `locales/<language>/<namespace>.json`
//! and refuses to build when a namespace that the person supported or their family reads misses
//! a Polish text (or has one English lacks): those pages are complete in both languages.
//! Staff-only namespaces may be partly translated; a missing text falls back to English.

use std::collections::BTreeSet;
use std::error::Error;
use std::path::{Path, PathBuf};

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use serde_json::Value;

const DEFAULT: &str = "en";
const OTHERS: [&str; 1] = ["pl"];

/// Which namespaces there are, and which the person supported and their family read.
#[derive(serde::Deserialize)]
struct Namespaces {
    person_facing: Vec<String>,
    staff: Vec<String>,
    /// Read by the server alone (emails): checked here, not compiled into the app.
    #[serde(default)]
    server: Vec<String>,
}

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
    println!("cargo::rerun-if-changed=locales/namespaces.json");
    let locales = Path::new("locales");
    let namespaces: Namespaces =
        serde_json::from_str(&std::fs::read_to_string(locales.join("namespaces.json"))?)?;

    for namespace in &namespaces.server {
        for language in std::iter::once(DEFAULT).chain(OTHERS) {
            println!("cargo::rerun-if-changed=locales/{language}/{namespace}.json");
        }
    }
    for namespace in namespaces.person_facing.iter().chain(&namespaces.server) {
        for other in OTHERS {
            let english = keys(&locales.join(DEFAULT).join(format!("{namespace}.json")))?;
            let translated = keys(&locales.join(other).join(format!("{namespace}.json")))?;
            let missing: Vec<_> = english.difference(&translated).collect();
            let surplus: Vec<_> = translated.difference(&english).collect();
            if !missing.is_empty() || !surplus.is_empty() {
                return Err(format!(
                    "locales/{other}/{namespace}.json must have exactly the keys of \
                     locales/{DEFAULT}/{namespace}.json: missing {missing:?}, surplus {surplus:?}"
                )
                .into());
            }
        }
    }

    let mut config = Config::new(DEFAULT)?
        .add_namespaces(&namespaces.person_facing)?
        .add_namespaces(&namespaces.staff)?
        // Staff pages fall back to English; the person's pages are checked above instead.
        .parse_options(
            ParseOptions::default()
                .suppress_key_warnings(true)
                .interpolate_display(true),
        );
    for other in OTHERS {
        config = config.add_locale(other)?;
    }
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    translations.generate_i18n_module(out.join("i18n"))?;
    Ok(())
}

/// Every key of a locale file, nested keys joined with dots.
fn keys(path: &Path) -> Result<BTreeSet<String>, Box<dyn Error>> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let value: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut keys = BTreeSet::new();
    collect(&value, String::new(), &mut keys);
    Ok(keys)
}

fn collect(value: &Value, prefix: String, keys: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                collect(value, path, keys);
            }
        }
        _ => {
            keys.insert(prefix);
        }
    }
}
