use leptos::prelude::*;

use crate::components::PageTitle;

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    view! {
        <PageTitle text="Accessibility"/>
        <h1 class="app-heading-xl">"Accessibility"</h1>
        <p class="app-body">
            "Ourplan is built to meet WCAG 2.2 at level AA on every page, and to come close to "
            "level AAA on the easy-read pages."
        </p>
        <ul class="app-list app-list--bullet">
            <li>"Every page works with a keyboard alone and with a screen reader."</li>
            <li>"You can choose large type, easy read, pictures first and high contrast."</li>
            <li>"Text can be zoomed to 400% without losing content."</li>
            <li>"Every page is checked with the axe accessibility engine in our tests."</li>
        </ul>
        <p class="app-body">
            "If something is hard to use, please tell your support team or your organisation's "
            "administrator, so it can be put right."
        </p>
    }
}
