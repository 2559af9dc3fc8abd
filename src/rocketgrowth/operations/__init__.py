"""Operations: one function per API operation, transport-free; they load, apply a domain step and save
in one transaction. Routes (seller and operator API, console) and the CLI call them."""
