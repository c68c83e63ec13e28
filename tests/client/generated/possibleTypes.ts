
      export type PossibleTypesResultData = {
  "possibleTypes": {
    "Entity": [
      "Event",
      "Initiative",
      "Organization",
      "Person",
      "Place",
      "Role",
      "Sector"
    ],
    "Node": [
      "Change",
      "Document",
      "Event",
      "Initiative",
      "Mention",
      "Organization",
      "Person",
      "Place",
      "Quote",
      "Relationship",
      "Role",
      "Sector",
      "Statistic"
    ]
  }
};
      const result: PossibleTypesResultData = {
  "possibleTypes": {
    "Entity": [
      "Event",
      "Initiative",
      "Organization",
      "Person",
      "Place",
      "Role",
      "Sector"
    ],
    "Node": [
      "Change",
      "Document",
      "Event",
      "Initiative",
      "Mention",
      "Organization",
      "Person",
      "Place",
      "Quote",
      "Relationship",
      "Role",
      "Sector",
      "Statistic"
    ]
  }
};
      export default result;
    