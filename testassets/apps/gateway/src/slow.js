exports.handler = async () => {
  await new Promise((resolve) => setTimeout(resolve, 3000));
  return { statusCode: 200, body: 'too late' };
};
