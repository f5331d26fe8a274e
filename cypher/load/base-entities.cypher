// The entities of one label with the names a new build resolves against: id, name, aliases, acronym.
MATCH (n:__LABEL__)
RETURN n.id AS id, n.name AS name, n.aliases AS aliases, n.acronym AS acronym
