"""The contacts area (key 2): the list, a contact's page, its forms and the actions on a contact."""
