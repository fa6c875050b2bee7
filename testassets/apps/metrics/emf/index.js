// An unmodified @aws-lambda-powertools/metrics: each call prints one EMF line with the orders it was given.
const { Metrics, MetricUnit } = require('@aws-lambda-powertools/metrics');

const metrics = new Metrics({ namespace: 'Shop', serviceName: 'checkout' });

exports.handler = async (event) => {
  metrics.addDimension('channel', 'web');
  metrics.addMetric('Orders', MetricUnit.Count, Number(event.orders ?? 1));
  metrics.addMetric('BasketValue', MetricUnit.Milliseconds, Number(event.basket ?? 0));
  metrics.publishStoredMetrics();
  return { ok: true };
};
