"""Use-case services: one keyword-only function per use case, taking a UnitOfWork and the actor."""
