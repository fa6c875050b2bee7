exports.handler = async () => {
  console.log('about to fail');
  throw new TypeError('kaboom');
};
