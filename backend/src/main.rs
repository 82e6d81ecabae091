//! `ourplan`: runs the server with configuration from the environment (see the README).

use std::process::ExitCode;

use ourplan_backend::config::Config;
use ourplan_backend::server;

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let result = Config::from_env()
        .map_err(|error| error.to_string())
        .and_then(|config| {
            let state = server::prepare(&config).map_err(|error| error.to_string())?;
            actix_web::rt::System::new()
                .block_on(server::serve(config, state))
                .map_err(|error| error.to_string())
        });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("ourplan: {error}");
            ExitCode::FAILURE
        }
    }
}
