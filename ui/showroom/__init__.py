"""Showroom screens: cards, charging piles, promotions."""
