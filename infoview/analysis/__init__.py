"""Analyses over the index: referral chains, cadence and what is due. Pure functions of notes and a date."""
