"""What every area's screens share: the bases, the failure policy, confirm and help."""
