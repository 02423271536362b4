"""How bytes reach the disk: encryption, keys, files, backups. No business rules here."""
