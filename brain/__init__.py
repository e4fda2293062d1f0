"""The brain: partner recommendations, mentor pairing, Annual Conference host ranking and the
checks of a call for applications. Plain Python over plain data: `graph/` fetches, `schema/`
and the bot call in; nothing here touches a database or a request."""
