// End-to-end tests start real services and sweep whole archives: minutes, not seconds.
jest.setTimeout(10 * 60 * 1000);
