"""The wire format as pydantic v2 models, shared by the server and the SDK (imports only pydantic)."""
