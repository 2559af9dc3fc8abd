"""Benchmarks of the rocketgrowth server and SDK: ``python -m bench.<name>``, or ``python -m bench.run_all``.

Each command measures one thing against a real server started as a subprocess on loopback and writes
its section of ``docs/benchmarks.md`` (machine, date, command, figures, ratios measured in the same run).

* ``bench.throughput``  signed API calls under 32 connections, SQLite/PostgreSQL, 1/2 workers (wrk)
* ``bench.growth``      list paging and product query at 10 k … 1 M products (bulk loader: ``bench.loader``)
* ``bench.prism``       against Stoplight Prism mocking the app's own OpenAPI document
* ``bench.sdk``         bulk create / price update through the AsyncClient; SDK overhead vs raw httpx
* ``bench.memory``      server RSS with 1 M products; SDK memory while exporting them
* ``bench.compare``     server CPU per request of two git revisions (before/after the optimisations)
* ``bench.run_all``     all of the above (``make bench``; ``--quick`` for a smoke run)

Helpers: ``bench.loader`` (bulk loader), ``bench.fixture`` (database + request mixes), ``bench.load`` (wrk or
a Python load generator), ``bench.profile`` (py-spy of the server under one mix), ``bench.common``.
The reliability benchmarks (``bench.soak``, ``bench.crash``, ``bench.fairness``) report in
``docs/reliability.md``.
"""
