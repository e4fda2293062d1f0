"""The network's operations, in its own words: rules, authorisation, what follows a write, and
the read models the entry points share. Built once as `services.container.Services`."""
