"""Reading a room: its content files, their models, and every check of them."""
