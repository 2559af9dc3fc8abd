"""rocketgrowth: Coupang's seller product API with Rocket Growth, as a sandbox server and a typed client."""
