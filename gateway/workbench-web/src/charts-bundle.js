// The entry esbuild bundles into static/vendor/vega-bundle.js: Vega, Vega-Lite and vega-embed as globals, with
// the expression interpreter so charts run under a Content-Security-Policy without 'unsafe-eval'.
import * as vega from "vega";
import * as vegaLite from "vega-lite";
import embed from "vega-embed";
import { expressionInterpreter } from "vega-interpreter";

window.vega = vega;
window.vegaLite = vegaLite;
window.vegaEmbed = embed;
window.vegaExpressionInterpreter = expressionInterpreter;
