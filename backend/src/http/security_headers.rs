//! Security headers on every response, static files included.

use actix_web::middleware::DefaultHeaders;

/// No inline script or style is allowed, so the app boots from an external module;
/// `wasm-unsafe-eval` lets the browser compile our WebAssembly and nothing else. A recording is
/// played back from a `blob:` before it is saved, and the microphone is ours to ask for.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
object-src 'none'; media-src 'self' blob:; base-uri 'none'; frame-ancestors 'none'; form-action 'self'; \
report-uri /api/v1/csp-reports";

pub fn middleware() -> DefaultHeaders {
    DefaultHeaders::new()
        .add(("Content-Security-Policy", CONTENT_SECURITY_POLICY))
        .add((
            "Strict-Transport-Security",
            "max-age=63072000; includeSubDomains",
        ))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "no-referrer"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
        .add(("Cross-Origin-Resource-Policy", "same-origin"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(self), geolocation=(), payment=()",
        ))
}
