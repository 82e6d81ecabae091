DROP TABLE item_opinions;
