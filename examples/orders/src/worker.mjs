// Consumes the orders queue; reports failed records one by one (ReportBatchItemFailures).
export const handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records ?? []) {
    try {
      const order = JSON.parse(record.body);
      console.log(`processing order ${order.id}`);
    } catch (err) {
      console.error(`cannot process message ${record.messageId}: ${err.message}`);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
