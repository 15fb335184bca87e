// Lists every skipped test at the end of a run, with its file, so a CI log says how many were skipped and which
// (each skipped suite's title or its console warning says why: a missing tool, or ../shared/data not beside the
// checkout). Jest's own summary only counts them.
class SkippedTestsReporter {
  onRunComplete(_contexts, results) {
    const skipped = [];
    for (const file of results.testResults) {
      for (const test of file.testResults) {
        if (test.status === 'pending' || test.status === 'skipped' || test.status === 'todo') {
          skipped.push(`  ${file.testFilePath.replace(`${process.cwd()}/`, '')}: ${test.fullName}`);
        }
      }
    }
    if (skipped.length === 0) {
      process.stderr.write('\nSkipped tests: none\n');
      return;
    }
    process.stderr.write(`\nSkipped tests: ${skipped.length}\n${skipped.join('\n')}\n`);
  }
}

module.exports = SkippedTestsReporter;
