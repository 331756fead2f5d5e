"""Document screens: the archive, verification, certificates, the store notice."""
