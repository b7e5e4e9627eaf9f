rsync ${rsync} copies from the old server straight to the new one. Files that vanish meanwhile are expected in this
warm pass. It uses a key made for this run, removed at the end.
