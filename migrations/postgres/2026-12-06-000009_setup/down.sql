DROP TABLE installation;
DROP TABLE setup_links;
