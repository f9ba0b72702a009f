"""Quick capture (key c): the people just met, one per line, previewed and saved at once."""
