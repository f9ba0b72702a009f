"""Other programs' files in and out: readers that turn a file into records the Store imports
(netui.interop.ics, netui.interop.connpass) and writers that turn the Store's records into a
file (netui.interop.ics_export). Pure: no peewee, no Store, no Textual."""
