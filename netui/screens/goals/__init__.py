"""The goals area (key 1): why a person networks, who they still need, and progress from the records."""
