//! The easy-read pictures: each concept of `shared::pictures::VOCABULARY` written as its own
//! SVG into `dist/assets/pictures/`, from the pinned `@iconify-json/fluent-emoji-flat` npm
//! package, with the licence beside them. Nothing is fetched at run time.

use std::path::Path;

use anyhow::{Context, Result, bail};
use ourplan_shared::pictures::{ATTRIBUTION, VOCABULARY};
use serde_json::Value;

use crate::setup;

const MIT: &str = "MIT License

Copyright (c) Microsoft Corporation.

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the \"Software\"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
";

/// Writes one SVG per concept into `assets/pictures`; fails naming any symbol the set lacks.
pub fn write(assets: &Path) -> Result<usize> {
    let set = setup::node_modules().join("@iconify-json/fluent-emoji-flat/icons.json");
    let text = std::fs::read_to_string(&set)
        .with_context(|| format!("reading {} (cargo xtask installs it)", set.display()))?;
    let set: Value = serde_json::from_str(&text)?;
    let size = |icon: &Value, side: &str| {
        icon.get(side)
            .or_else(|| set.get(side))
            .and_then(Value::as_u64)
            .unwrap_or(32)
    };
    let out = assets.join("pictures");
    std::fs::create_dir_all(&out)?;
    let mut missing = Vec::new();
    for concept in VOCABULARY {
        let name = set["aliases"][concept.icon]["parent"]
            .as_str()
            .unwrap_or(concept.icon);
        let icon = &set["icons"][name];
        let Some(body) = icon["body"].as_str() else {
            missing.push(concept.icon);
            continue;
        };
        let (width, height) = (size(icon, "width"), size(icon, "height"));
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" \
             width=\"{width}\" height=\"{height}\">{body}</svg>\n"
        );
        std::fs::write(out.join(format!("{}.svg", concept.key)), svg)?;
    }
    if !missing.is_empty() {
        bail!("the picture set has no symbol named {missing:?}");
    }
    std::fs::write(out.join("LICENSE.txt"), format!("{ATTRIBUTION}\n\n{MIT}"))?;
    Ok(VOCABULARY.len())
}
