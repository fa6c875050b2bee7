using Fathom.Apps.Intrinsics;
using Fathom.Apps.Parameters;
using Fathom.Apps.Resources;
using Fathom.Apps.Templates;
using Fathom.Apps.Validation;

namespace Fathom.Apps;

/// <summary>Everything the loading stages share: the document, options, and the resolvers built from it.</summary>
internal sealed class TemplateContext
{
    public TemplateContext(string file, string appDirectory, MappingNode root, AppLoadOptions options, string stackName, DiagnosticBag diagnostics)
    {
        File = file;
        AppDirectory = appDirectory;
        Root = root;
        Options = options;
        StackName = stackName;
        Diagnostics = diagnostics;
        Pseudo = new PseudoParameters(options.Region, options.AccountId, stackName);
        Parameters = ParameterSet.Read(root["Parameters"], options.ParameterOverrides, file, diagnostics);
        Mappings = root["Mappings"] as MappingNode;
        Conditions = new ConditionEvaluator(this, root["Conditions"]);
        Resources = new ResourceCatalog(this);
        Resolver = new IntrinsicResolver(this);
        Order = new EvaluationOrder(this);
    }

    public string File { get; }

    public string AppDirectory { get; }

    public MappingNode Root { get; }

    public AppLoadOptions Options { get; }

    public string StackName { get; }

    public DiagnosticBag Diagnostics { get; }

    public PseudoParameters Pseudo { get; }

    public ParameterSet Parameters { get; }

    public MappingNode? Mappings { get; }

    public ConditionEvaluator Conditions { get; }

    public ResourceCatalog Resources { get; }

    public IntrinsicResolver Resolver { get; }

    /// <summary>Evaluates conditions and resource names that refer to each other, dependencies first.</summary>
    public EvaluationOrder Order { get; }

    public TemplateLimits Limits => Options.Limits;

    /// <summary>What did-you-mean hints against the template's own names may still cost in this load.</summary>
    public HintBudget Hints { get; } = new(HintBudget.PerLoad);

    /// <summary>Every name a <c>Ref</c> may use, for did-you-mean hints.</summary>
    public IEnumerable<string> ReferenceNames =>
        PseudoParameters.Names.Concat(Parameters.Names).Concat(Resources.All.Select(r => r.LogicalId));

    public bool IsDeclaredParameter(string name) => Root["Parameters"] is MappingNode declared && declared.Find(name) is not null;

    public string UnknownReferenceMessage(string name) =>
        $"unknown reference '{name}': no parameter, resource or pseudo parameter has that name{Suggestions.Hint(name, ReferenceNames, Hints)}";
}
