// No DSN, release or environment here: @sentry/node reads SENTRY_DSN, SENTRY_RELEASE and SENTRY_ENVIRONMENT.
const Sentry = require('@sentry/node');

Sentry.init({});

function checkout(basket) {
  if (basket.length === 0) {
    throw new TypeError('the basket is empty');
  }
}

exports.handler = async () => {
  try {
    checkout([]);
    return { captured: null };
  } catch (error) {
    const id = Sentry.captureException(error);
    const flushed = await Sentry.flush(5000);
    return {
      captured: id,
      flushed,
      dsn: process.env.SENTRY_DSN,
      release: process.env.SENTRY_RELEASE,
      environment: process.env.SENTRY_ENVIRONMENT,
    };
  }
};
