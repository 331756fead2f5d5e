"""Store screens: administration (settings, channels, consent texts, certificates, backup)."""
