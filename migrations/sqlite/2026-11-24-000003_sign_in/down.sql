DROP TABLE server_secrets;
DROP TABLE sign_in_throttles;
DROP TABLE refresh_tokens;
DROP TABLE sessions;
