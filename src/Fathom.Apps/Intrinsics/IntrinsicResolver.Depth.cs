using System.Runtime.CompilerServices;
using Fathom.Apps.Templates;

namespace Fathom.Apps.Intrinsics;

internal sealed partial class IntrinsicResolver
{
    private int _depth;
    private bool _tooDeepReported;

    /// <summary>
    /// Counts one level of evaluation, refusing past <see cref="TemplateLimits.MaxEvaluationDepth"/> or when the stack
    /// runs low. Conditions and names are evaluated in dependency order, so only nesting within a value and references
    /// that order cannot see add levels; this is the backstop that turns anything else into an error instead of a
    /// stack overflow, which would end the process. Call <see cref="Exit"/> after a true.
    /// </summary>
    public bool TryEnter(TemplateNode node)
    {
        if (_depth < context.Limits.MaxEvaluationDepth && RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _depth++;
            return true;
        }

        if (!_tooDeepReported)
        {
            _tooDeepReported = true;
            context.Diagnostics.Error(node, $"evaluating this value goes deeper than {context.Limits.MaxEvaluationDepth} levels of nested functions and references; refusing to go on");
        }

        return false;
    }

    public void Exit() => _depth--;
}
