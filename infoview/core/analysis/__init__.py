"""What the notes say about the practice: cadence, referral chains, what is due. Pure functions of the index."""
