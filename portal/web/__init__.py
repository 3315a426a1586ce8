"""Plain HTTP routes served beside the Reflex app on the same port."""
