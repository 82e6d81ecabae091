use leptos::prelude::*;
use leptos_router::components::A;
use ourplan_shared::audit::AccessLogEntry;

use crate::api;
use crate::components::PageTitle;
use crate::dates::{iso_date_time, local_date_time};
use crate::session::SessionContext;

/// "Who has looked at my plan", in easy read: one line per visit, newest first.
#[component]
pub fn WhoHasLookedPage() -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let person = move || session.user.get().and_then(|user| user.person_id);
    let log = LocalResource::new(move || async move {
        match person() {
            Some(id) => {
                api::get::<Vec<AccessLogEntry>>(&format!("/api/v1/persons/{id}/access-log"))
                    .await
                    .map(Some)
            }
            None => Ok(None),
        }
    });
    view! {
        <PageTitle text="Who has looked at my plan"/>
        <h1 class="app-heading-xl">"Who has looked at my plan"</h1>
        <p class="app-body">"Everyone who looks at your plan is written down here."</p>
        <Show
            when=move || session.known.get() && session.user.get().is_some()
            fallback=move || view! {
                <Show when=move || session.known.get()>
                    <p class="app-body">
                        <A href="/sign-in">"Sign in"</A>
                        " to see who has looked at your plan."
                    </p>
                </Show>
            }
        >
            <Suspense fallback=|| view! { <p class="app-body">"Loading…"</p> }>
                {move || log.get().map(|result| match result {
                    Ok(Some(entries)) if entries.is_empty() => {
                        view! { <p class="app-body">"Nobody has looked at your plan yet."</p> }
                            .into_any()
                    }
                    Ok(Some(entries)) => view! {
                        <ul class="app-access-log">
                            {entries.into_iter().map(entry_view).collect_view()}
                        </ul>
                    }
                    .into_any(),
                    Ok(None) => view! {
                        <p class="app-body">"This page is for people who have a plan."</p>
                    }
                    .into_any(),
                    Err(error) => view! { <p class="app-body">{error.message}</p> }.into_any(),
                })}
            </Suspense>
        </Show>
    }
}

fn entry_view(entry: AccessLogEntry) -> impl IntoView {
    let who = match (&entry.actor_name, entry.actor_role) {
        (Some(name), Some(role)) => format!("{name} ({})", role.label()),
        (Some(name), None) => name.clone(),
        (None, _) => "Ourplan".to_owned(),
    };
    let what = if entry.entity == "plan" {
        "your plan".to_owned()
    } else {
        "who has looked at your plan".to_owned()
    };
    let millis = entry.occurred_at.timestamp_millis();
    let (when, iso) = (local_date_time(millis), iso_date_time(millis));
    view! {
        <li class="app-access-log__item">
            <p class="app-access-log__what">{format!("{who} {} {what}.", entry.verb())}</p>
            <p class="app-access-log__when">
                <time datetime=iso>{when}</time>
            </p>
        </li>
    }
}
