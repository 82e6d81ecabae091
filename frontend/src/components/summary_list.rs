use leptos::prelude::*;

/// Label and value pairs, as the GOV.UK summary list: a `<dl>` a screen reader reads as pairs.
#[component]
pub fn SummaryList(rows: Vec<(String, String)>) -> impl IntoView {
    view! {
        <dl class="app-summary-list">
            {rows
                .into_iter()
                .map(|(label, value)| {
                    view! {
                        <div class="app-summary-list__row">
                            <dt class="app-summary-list__key">{label}</dt>
                            <dd class="app-summary-list__value">{value}</dd>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
    }
}
