//! A goal's progress over time as an SVG chart: each check-in with a number is a
//! marked point labelled with its value, so it reads without colour; the chart has a title and
//! a description for screen readers, and the page beside it lists every check-in as a table.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n};

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 260.0;
const MARGIN: f64 = 40.0;

#[component]
pub fn ProgressChart(
    /// What is measured, for the title.
    #[prop(into)]
    measure: String,
    /// (day, value) for each check-in with a number, oldest first.
    points: Vec<(NaiveDate, f64)>,
) -> impl IntoView {
    let i18n = use_i18n();
    if points.is_empty() {
        return view! {
            <p class="app-body" id="chart-none">
                {t_string!(i18n, components.progress_chart.none)}
            </p>
        }
        .into_any();
    }
    let first = points[0].0;
    let span = (points[points.len() - 1].0 - first).num_days().max(1) as f64;
    let top = points.iter().map(|p| p.1).fold(0.0_f64, f64::max).max(1.0);
    let x =
        |day: NaiveDate| MARGIN + (day - first).num_days() as f64 / span * (WIDTH - 2.0 * MARGIN);
    let y = |value: f64| HEIGHT - MARGIN - value / top * (HEIGHT - 2.0 * MARGIN);
    let line: Vec<String> = points
        .iter()
        .map(|(d, v)| format!("{:.1},{:.1}", x(*d), y(*v)))
        .collect();
    let (last_day, last_value) = points[points.len() - 1];
    let description = t_string!(
        i18n,
        components.progress_chart.description,
        count = points.len(),
        first_value = points[0].1,
        first_day = first,
        last_value,
        last_day,
        top
    )
    .to_string();
    view! {
        <svg
            class="app-chart"
            viewBox=format!("0 0 {WIDTH} {HEIGHT}")
            role="img"
            aria-labelledby="chart-title chart-description"
            id="progress-chart"
        >
            <title id="chart-title">
                {t_string!(i18n, components.progress_chart.title, measure).to_string()}
            </title>
            <desc id="chart-description">{description}</desc>
            <line
                class="app-chart__axis"
                x1=MARGIN
                y1=HEIGHT - MARGIN
                x2=WIDTH - MARGIN
                y2=HEIGHT - MARGIN
            />
            <line class="app-chart__axis" x1=MARGIN y1=MARGIN x2=MARGIN y2=HEIGHT - MARGIN />
            <text class="app-chart__label" x=MARGIN y=HEIGHT - 10.0>
                {first.to_string()}
            </text>
            <text class="app-chart__label" x=WIDTH - MARGIN y=HEIGHT - 10.0 text-anchor="end">
                {last_day.to_string()}
            </text>
            <polyline class="app-chart__line" points=line.join(" ") />
            {points
                .into_iter()
                .map(|(d, v)| {
                    view! {
                        <rect
                            class="app-chart__point"
                            x=x(d) - 5.0
                            y=y(v) - 5.0
                            width="10"
                            height="10"
                        />
                        <text class="app-chart__label" x=x(d) y=y(v) - 10.0 text-anchor="middle">
                            {v.to_string()}
                        </text>
                    }
                })
                .collect_view()}
        </svg>
    }
    .into_any()
}
