// puppeteer downloads its browser into the project, never into $HOME.
module.exports = { cacheDirectory: `${__dirname}/node_modules/.cache/puppeteer` };
