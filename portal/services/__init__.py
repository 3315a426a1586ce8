"""Use cases: verb_noun(session, actor, ...) -> DTO. They check policy and state and own the
transaction's content; they never import the UI framework or a provider SDK."""
