namespace StanceKit;

/// <summary>The stance of a statement's speaker toward the Kenya-led deployment to Haiti.</summary>
/// <remarks>The meaning of each value is defined by the project's annotation guidelines (ANNOTATION.md).</remarks>
public enum Stance
{
    /// <summary>The speaker wants the deployment to happen, continue or grow.</summary>
    Supportive = 0,

    /// <summary>The speaker neither clearly backs nor rejects the deployment, and voices doubt.</summary>
    Sceptical = 1,

    /// <summary>The speaker rejects the deployment: it should not happen or should stop.</summary>
    Opposed = 2,
}
