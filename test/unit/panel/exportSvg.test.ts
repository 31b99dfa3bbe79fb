import * as assert from 'node:assert/strict';
import { svgExportFileName } from '../../../src/panel/exportSvg';

describe('Export SVG: the default file name', () => {
  it('is the shown diagram id', () => {
    assert.equal(svgExportFileName('startup', 'startup'), 'startup.svg');
    assert.equal(svgExportFileName('live-host', 'live-host'), 'live-host.svg');
    assert.equal(svgExportFileName('container-usage', 'container-usage'), 'container-usage.svg');
  });

  it('is refused for an id the panel does not know, or one that is not shown', () => {
    assert.equal(svgExportFileName('../../.bashrc', 'startup'), undefined);
    assert.equal(svgExportFileName('startup/../../x', 'startup'), undefined);
    assert.equal(svgExportFileName('vm-architecture', 'startup'), undefined, 'known, but not the one shown');
    assert.equal(svgExportFileName('startup', undefined), undefined, 'nothing shown yet');
  });
});
