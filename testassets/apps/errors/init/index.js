// Fails while the module loads, before any handler runs.
throw new Error('DATABASE_URL is not set');
