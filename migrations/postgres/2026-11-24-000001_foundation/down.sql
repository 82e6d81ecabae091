DROP TABLE plans;
DROP TABLE users;
DROP TABLE persons;
DROP TABLE organisations;
