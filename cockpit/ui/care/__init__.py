"""After go-live: the reviews (PDCA), improvement actions, lessons learned and what a ticket is about."""
