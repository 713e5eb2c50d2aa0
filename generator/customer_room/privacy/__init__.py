"""What keeps people safe: personal data found and hidden, and the guard of the built site."""
