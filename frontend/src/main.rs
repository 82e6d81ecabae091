//! The Ourplan browser app: mounts [`App`] and nothing else.

use ourplan_frontend::app::App;

fn main() {
    console_error_panic_hook::set_once();
    // Apply the saved display mode before the first paint, so the page never flashes.
    ourplan_frontend::display::apply(ourplan_frontend::display::load());
    leptos::mount::mount_to_body(App);
}
